using Forum.Data;
using Forum.Data.Posts;
using Microsoft.JSInterop;

namespace Forum.App.Components.Shared;

/// <summary>How much text one circuit message must carry, and the browser-kept drafts of text fields (wwwroot/forum.js).</summary>
public static class LongText
{
    /// <summary>The circuit sends an event's value as JSON with each non-ASCII UTF-16 unit escaped (\uXXXX): 6 bytes.</summary>
    public const int BytesPerUnit = 6;

    /// <summary>Room for the rest of a message (the event envelope): SignalR's default limit.</summary>
    public const int EnvelopeBytes = 32 * 1024;

    /// <summary>
    /// A field takes at most this many times its rule's hard cap (its maxlength, counted in UTF-16 units as the browser
    /// counts): text past a limit still reaches the rule and gets its message, and no field's value outgrows a message.
    /// </summary>
    public const int FieldUnitsPerCap = 2;

    public static int MaxFieldUnits(TextRule rule) => FieldUnitsPerCap * rule.MaxUnits;

    /// <summary>The circuit's receive limit, for the largest field (the post text): 80,000 units × 6 bytes + 32 KB = 512,768 bytes.</summary>
    public static readonly long MaxReceiveBytes = (long)MaxFieldUnits(PostRules.Body) * BytesPerUnit + EnvelopeBytes;
}

/// <summary>A text kept in the browser's sessionStorage until the server has stored it; <see cref="Id"/> is its request id.</summary>
public sealed record Draft(string Text, string? Id);

public static class Drafts
{
    /// <summary>The drafts under <paramref name="keys"/> (null where there is none). Best effort: a lost circuit reads none.</summary>
    public static async Task<Draft?[]> ReadDraftsAsync(this IJSRuntime js, params string[] keys)
    {
        try
        {
            var drafts = await js.InvokeAsync<Draft?[]?>("forum.drafts.read", keys, LongText.MaxFieldUnits(PostRules.Body));
            return drafts?.Length == keys.Length ? drafts : new Draft?[keys.Length];
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            return new Draft?[keys.Length];
        }
    }

    public static Task SaveDraftAsync(this IJSRuntime js, string key, string text) => BestEffort(js, "forum.drafts.save", key, text);

    public static Task ClearDraftsAsync(this IJSRuntime js, params string[] keys) => BestEffort(js, "forum.drafts.clear", [keys]);

    private static async Task BestEffort(IJSRuntime js, string function, params object[] args)
    {
        try
        {
            await js.InvokeVoidAsync(function, args);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            // The draft is a safety net: failing to update it must not fail the form.
        }
    }
}
