using Forum.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forum.Tests.Integration;

/// <summary>Pages and API answers alike carry the policy; HSTS only where the forum is deployed over HTTPS.</summary>
public sealed class SecurityHeadersTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/posts/1")]
    [InlineData("/Account/Login")]
    [InlineData("/api/posts")]
    [InlineData("/api/messages")]
    [InlineData("/not-a-page")]
    public async Task Response_CarriesSecurityHeaders(string path)
    {
        var response = await app.NoRedirectClient().GetAsync(path, Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    [Fact]
    public async Task HttpsRequest_InProduction_GetsHsts()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://forum.example") });

        var response = await client.GetAsync("/", Ct);

        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}

public sealed class DevelopmentHeadersTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    [Fact]
    public async Task HttpsRequest_InDevelopment_GetsNoHstsButTheSamePolicy()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://forum.example") });

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}
