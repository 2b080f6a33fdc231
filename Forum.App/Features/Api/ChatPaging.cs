using Forum.Data;
using Forum.Data.Chat;

namespace Forum.App.Features.Api;

/// <summary>
/// Where a page of chat history starts: the latest page (nothing given), the page before a message id (`before`, going back
/// through the whole history), or the messages after one (`after`, a catch-up, going forward). `next` continues in the
/// same direction; its cursor holds the direction and the id, signed for the one list it came from.
/// </summary>
internal readonly record struct ChatPosition(long? Before, long? After)
{
    private const long Earlier = 0, Later = 1;

    public static ChatPosition Read(ApiCursors cursors, string list, string? cursor, long? before, long? after)
    {
        if ((cursor is null ? 0 : 1) + (before is null ? 0 : 1) + (after is null ? 0 : 1) > 1)
            throw ForumException.Invalid("Pass one of `before`, `after` and `cursor`, not several: `before` pages back from a message id, " +
                "`after` catches up from one, `cursor` continues from a `next`.");
        if (before < 0 || after < 0) throw ForumException.Invalid("`before` and `after` are message ids: 0 or more.");
        return cursors.Decode(cursor, list, 2) switch
        {
            [Earlier, var id] => new ChatPosition(id, null),
            [_, var id] => new ChatPosition(null, id),
            _ => new ChatPosition(before, after),
        };
    }

    /// <summary>The cursor for the page beyond <paramref name="page"/> in the direction it was read, or null at the end.</summary>
    public string? Next(ApiCursors cursors, string list, ChatPage page) =>
        !page.More || page.Items.Count == 0 ? null
        : After is null ? cursors.Encode(list, Earlier, page.Items[0].Id)
        : cursors.Encode(list, Later, page.Items[^1].Id);

    public static PageJson<ChatJson> Json(ChatPage page, string? next) => new([.. page.Items.Select(ChatJson.Of)], next);
}
