using Forum.Data.Users;

namespace Forum.App.Features.Profiles;

/// <summary>A list shown a page at a time ("Load more"), each page starting below the last id shown.</summary>
public sealed class KeysetList<T>(Func<int?, Task<ProfilePage<T>>> loadBefore, Func<T, int> idOf)
{
    private int? _next;

    public List<T> Items { get; } = [];
    public bool Loaded { get; private set; }
    public bool Loading { get; private set; }
    public bool HasMore => Loaded && _next is not null;

    /// <summary>The first page, then each call the next one; a row already shown is never added twice.</summary>
    public async Task LoadMoreAsync()
    {
        if (Loading || (Loaded && _next is null)) return;
        Loading = true;
        try
        {
            var page = await loadBefore(_next);
            Items.AddRange(page.Items.Where(item => Items.All(seen => idOf(seen) != idOf(item))));
            _next = page.NextBeforeId;
            Loaded = true;
        }
        finally
        {
            Loading = false;
        }
    }
}
