using System.Collections.Concurrent;
using Forum.App.Components.Shared;
using Forum.Data.Posts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Forum.App.Features.Posts;

/// <summary>
/// Post cards as HTML shared by every circuit. As components, the home page's twelve cards kept about 40 KB in every
/// circuit for as long as the page was open (a component state and a 64-frame render buffer each): a fifth of a
/// circuit, for cards with nothing to click but links. Here the same PostCard component is rendered once per card
/// state with HtmlRenderer (Razor's encoding, the markup defined in one place), and a page shows the resulting markup:
/// one render frame per card per circuit, pointing at a string every circuit shares.
/// </summary>
public sealed class PostCardMarkup(IServiceScopeFactory services, ILoggerFactory loggers, TimeProvider clock)
{
    // A card is cheap to render again: when the cache is full it simply starts over.
    private const int MaxCards = 4096;
    private readonly ConcurrentDictionary<(PostSummary Post, string Age), MarkupString> _cards = new();

    public async Task<IReadOnlyList<MarkupString>> RenderAsync(IReadOnlyList<PostSummary> posts)
    {
        // The relative time is in the markup, so it is part of the key; browsers keep it current afterwards (forum.js).
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = posts.Select(p => (p, TimeText.Describe(p.CreatedAt, now))).ToList();
        var rendered = new Dictionary<(PostSummary, string), MarkupString>();
        var missing = keys.Where(k => !_cards.ContainsKey(k)).Distinct().ToList();
        if (missing.Count > 0)
        {
            if (_cards.Count + missing.Count > MaxCards) _cards.Clear();
            // A renderer resolves scoped services (cascading value suppliers): give it a scope of its own.
            await using var scope = services.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            await renderer.Dispatcher.InvokeAsync(async () =>
            {
                foreach (var key in missing)
                {
                    var card = await renderer.RenderComponentAsync<PostCard>(
                        ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PostCard.Post)] = key.p }));
                    rendered[key] = _cards[key] = new MarkupString(card.ToHtmlString());
                }
            });
        }
        return [.. keys.Select(k => _cards.TryGetValue(k, out var html) ? html : rendered[k])];
    }
}
