using System.Net;
using Forum.Tests.TestSupport;

namespace Forum.Tests.Integration.Admin;

/// <summary>/admin needs the Moderator policy: anonymous visitors sign in first, members are turned away.</summary>
public sealed class AdminPagesTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/reports")]
    [InlineData("/admin/members")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/roles")]
    public async Task AdminPage_Anonymous_RedirectedToLogin(string path)
    {
        var response = await app.NoRedirectClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/members")]
    public async Task AdminPage_Member_TurnedAway(string path)
    {
        var (client, _) = await app.SignInAsync("carol", ForumAppFactory.DemoPassword);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery);
        Assert.Contains("not allowed", await client.GetStringAsync("/access-denied", Ct));
    }

    [Fact]
    public async Task AdminPages_Moderator_ServedButRolesPageIsForAdmins()
    {
        var (client, _) = await app.SignInAsync("mod", ForumAppFactory.DemoPassword);

        var dashboard = await client.GetAsync("/admin", Ct);
        var roles = await client.GetAsync("/admin/roles", Ct);

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Open reports", await dashboard.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("/access-denied", roles.Headers.Location!.PathAndQuery);
        var (admin, _) = await app.SignInAsync("admin", ForumAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/roles", Ct)).StatusCode);
    }
}
