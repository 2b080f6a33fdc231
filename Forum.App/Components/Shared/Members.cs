using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Forum.App.Components.Shared;

/// <summary>How a member appears anywhere in the UI: a link to their profile and an avatar in their own colour.</summary>
public static class Members
{
    /// <summary>Avatar colours (forum-avatar-c0 … in app.css), each with at least 4.5:1 contrast for white text.</summary>
    public const int Colours = 11;

    public static string ProfileUrl(string userName) => $"/u/{Uri.EscapeDataString(userName)}";

    /// <summary>A stable colour per member, from the user name (which never changes), not the display name.</summary>
    public static string ColourClass(string userName) =>
        $"forum-avatar-c{StableHash.Pick(userName.ToLowerInvariant(), Colours)}";

    /// <summary>The first text element of the name, so an accent or an emoji is never split; "?" for an empty name.</summary>
    public static string Initial(string name) =>
        name.Trim() is { Length: > 0 } trimmed ? StringInfo.GetNextTextElement(trimmed).ToUpperInvariant() : "?";

    /// <summary>The display name as a link to the profile (plain text when the user name is unknown).</summary>
    public static RenderFragment Link(string name, string userName, string? cssClass = null) => builder =>
    {
        if (userName.Length == 0)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", $"forum-member {cssClass}");
            builder.AddContent(2, name);
            builder.CloseElement();
            return;
        }
        builder.OpenElement(3, "a");
        builder.AddAttribute(4, "class", $"forum-member {cssClass}");
        builder.AddAttribute(5, "href", ProfileUrl(userName));
        builder.AddContent(6, name);
        builder.CloseElement();
    };

    /// <summary>A round initial in the member's colour; decorative, since the name is always written next to it.</summary>
    public static RenderFragment Avatar(string name, string userName, bool large = false) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", $"forum-avatar {ColourClass(userName)}{(large ? " forum-avatar-lg" : "")}");
        builder.AddAttribute(2, "aria-hidden", "true");
        builder.AddContent(3, Initial(name));
        builder.CloseElement();
    };
}
