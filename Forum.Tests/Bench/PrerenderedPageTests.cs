extern alias bench;

using bench::Forum.Bench.Circuits.Client;

namespace Forum.Tests.Bench;

public sealed class PrerenderedPageTests
{
    private const string Html =
        "<head><!--Blazor:{\"type\":\"server\",\"prerenderId\":\"a\",\"sequence\":0,\"descriptor\":\"D0\"}--><title>x</title><!--Blazor:{\"prerenderId\":\"a\"}--></head>" +
        "<body><!--Blazor:{\"type\":\"server\",\"prerenderId\":\"b\",\"sequence\":1,\"descriptor\":\"D1\"}-->" +
        "<span id=\"unread-count\" hidden>7</span><!--Blazor:{\"prerenderId\":\"b\"}-->" +
        "<!--Blazor-Server-Component-State:c3RhdGU=--></body>";

    [Fact]
    public void Parse_PageWithTwoRoots_KeepsStartMarkersStateAndBadge()
    {
        var page = PrerenderedPage.Parse(Html);

        Assert.Equal(2, page.Markers.Count);
        Assert.All(page.Markers, m => Assert.Contains("\"type\":\"server\"", m));
        Assert.Equal("c3RhdGU=", page.PersistedState);
        Assert.Equal(7, page.UnreadCount);
    }

    [Fact]
    public void RootComponentOperations_TwoRoots_NumberedAsTheBrowserDoes()
    {
        var json = PrerenderedPage.Parse(Html).RootComponentOperations();

        Assert.Equal(
            "{\"batchId\":1,\"operations\":[" +
            "{\"type\":\"add\",\"ssrComponentId\":1,\"marker\":{\"uniqueId\":0,\"type\":\"server\",\"prerenderId\":\"a\",\"sequence\":0,\"descriptor\":\"D0\"}}," +
            "{\"type\":\"add\",\"ssrComponentId\":2,\"marker\":{\"uniqueId\":1,\"type\":\"server\",\"prerenderId\":\"b\",\"sequence\":1,\"descriptor\":\"D1\"}}]}",
            json);
    }

    [Fact]
    public void Parse_PageWithoutBadgeOrState_LeavesThemEmpty()
    {
        var page = PrerenderedPage.Parse("<body><!--Blazor:{\"type\":\"server\",\"prerenderId\":\"a\"}--></body>");

        Assert.Equal("", page.PersistedState);
        Assert.Null(page.UnreadCount);
    }
}
