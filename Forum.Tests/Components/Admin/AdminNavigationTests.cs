using Bunit;
using Forum.App.Components.Account;
using Forum.Data.Moderation;
using Microsoft.AspNetCore.Components.Web;

namespace Forum.Tests.Components.Admin;

/// <summary>Only moderators and admins see the way into the admin pages.</summary>
public sealed class AdminNavigationTests : AdminTest
{
    [Theory]
    [InlineData(false, new string[0])]
    [InlineData(true, new[] { ForumRoles.Moderator })]
    [InlineData(true, new[] { ForumRoles.Admin })]
    public void AccountMenu_ByRole_AdminLinkOnlyForModeratorsAndAdmins(bool expected, string[] roles)
    {
        H.Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        var menu = H.Context.Render<AccountMenu>(p => p
            .Add(m => m.User, Principal("someone", roles))
            .SetAssignedRenderMode(RenderMode.InteractiveServer));

        Assert.Equal(expected, menu.FindAll("#admin-link").Count == 1);
        Assert.Single(menu.FindAll("a[href='/Account/Sessions']"));
    }
}
