namespace Forum.Tests.TestSupport;

/// <summary>Base for component tests: a fresh harness with Alice (signed in), Bob, and Alice's post "Heat".</summary>
public abstract class ComponentTest : IAsyncLifetime
{
    protected ComponentHarness H { get; private set; } = null!;
    protected string Alice { get; private set; } = "";
    protected string Bob { get; private set; } = "";
    protected int Post { get; private set; }

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        H = await ComponentHarness.CreateAsync();
        Alice = await H.Db.AddUserAsync("Alice");
        Bob = await H.Db.AddUserAsync("Bob Chen");
        Post = await H.Db.AddPostAsync(Alice, "Heat");
        H.SignIn(Alice, "Alice");
    }

    public async ValueTask DisposeAsync()
    {
        await H.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
