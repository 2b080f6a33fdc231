using Forum.App.Components.Account;
using Forum.App.Components.Shared;
using Forum.Data;
using Forum.Data.Comments;
using Forum.Data.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Forum.App.Features.Comments;

/// <summary>A post's comments: a page of the thread at a time, following what others write, edit and delete live.</summary>
public partial class CommentThread
{
    private readonly CommentWindow _window = new();
    private CommentView? _answering;
    private int? _editing;
    private string? _me;
    private int? _reveal;
    private IDisposable? _subscription;

    [Inject] private CommentQueries Comments { get; set; } = default!;
    [Inject] private INotificationBus Bus { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private CommentEditService Edits { get; set; } = default!;
    [Inject] private Overlays Overlays { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public int PostId { get; set; }

    /// <summary>No new comments or replies offered (a hidden post a moderator is reviewing): the writer would refuse them.</summary>
    [Parameter] public bool Closed { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    // Edit and delete are offered only while the service would allow them (the author, in the window, not yet answered).
    private bool CanChange(CommentView comment, bool answered) =>
        CommentEditService.CanChange(comment, _me, answered, Clock.GetUtcNow().UtcDateTime);

    private EventCallback<CommentView> EditIf(CommentView comment, bool answered) =>
        CanChange(comment, answered) ? EventCallback.Factory.Create<CommentView>(this, Edit) : default;

    private CommentView? _reporting;

    /// <summary>Members may report others' comments (not their own, not one already removed).</summary>
    private EventCallback<CommentView> ReportIf(CommentView comment) =>
        _me is not null && comment.AuthorId != _me && !comment.Removed
            ? EventCallback.Factory.Create<CommentView>(this, c => _reporting = c) : default;

    private EventCallback<CommentView> DeleteIf(CommentView comment, bool answered) =>
        CanChange(comment, answered) ? EventCallback.Factory.Create<CommentView>(this, DeleteAsync) : default;

    /// <summary>The comment a link names (/posts/1#c42), on the circuit: the browser keeps the fragment from the server.</summary>
    private int? LinkedComment =>
        new Uri(Nav.Uri).Fragment is ['#', 'c', .. var id] && int.TryParse(id, out var commentId) ? commentId : null;

    protected override async Task OnInitializedAsync()
    {
        _me = AuthState is null ? null : (await AuthState).User.UserId();
        _window.Show(await Comments.WindowAsync(PostId, fromEnd: false, CommentWindow.PageSize));
        // A link to a comment past the first page opens the page that starts with its thread (or with it).
        if (LinkedComment is { } id && !_window.Contains(id) && await Comments.GetAsync(id) is { } linked && linked.PostId == PostId)
        {
            var key = ThreadKey.Of(linked);
            var page = await Comments.WindowAfterAsync(PostId, new ThreadKey(key.Root, key.Root), CommentWindow.PageSize, inclusive: true);
            // Near the thread's end that page would be short: the last page holds it, with the comments before it.
            if (page.After == 0 && page.Comments.Count < CommentWindow.PageSize)
                page = await Comments.WindowAsync(PostId, fromEnd: true, CommentWindow.PageSize);
            if (!page.Comments.Any(c => c.Id == id))
                page = await Comments.WindowAfterAsync(PostId, key, CommentWindow.PageSize, inclusive: true);
            _window.Show(page);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _subscription = Bus.Subscribe(Topics.Post(PostId), OnBusEventAsync);
            await CatchUpAsync();
            StateHasChanged();
            if (LinkedComment is { } id) await JS.InvokeVoidAsync("forum.scrollToId", $"c{id}");
        }
        else if (_reveal is { } id)
        {
            // The member's own new comment may land far below the form: bring it into view and flash it.
            _reveal = null;
            await JS.InvokeVoidAsync("forum.scrollToId", $"c{id}");
        }
    }

    /// <summary>What was written between the first load and the subscription: the counts, and new comments at the end.</summary>
    private async Task CatchUpAsync()
    {
        if (_window.First is not { } first || _window.Last is not { } last)
            _window.Show(await Comments.WindowAsync(PostId, fromEnd: false, CommentWindow.PageSize));
        else if (_window.After == 0)
            _window.Append(await Comments.WindowAfterAsync(PostId, last, CommentWindow.PageSize));
        else
        {
            var (before, after) = await Comments.CountAroundAsync(PostId, first, last);
            _window.Recount(before, after);
        }
    }

    private async Task OnBusEventAsync(BusEvent busEvent)
    {
        // After missed events the database says what the thread holds now.
        Func<Task>? apply = busEvent switch
        {
            CommentAdded added => () => { _window.Add(added.Comment); return Task.CompletedTask; },
            CommentEdited edited => () => { Replace(edited.Comment); return Task.CompletedTask; },
            CommentRemoved removed => () => RemovedAsync(removed.CommentId),
            EventsMissed => ReloadAsync,
            _ => null,
        };
        if (apply is null) return;
        await InvokeAsync(async () =>
        {
            try { await apply(); StateHasChanged(); }
            catch (Exception ex) { await DispatchExceptionAsync(ex); }
        });
    }

    private async Task RemovedAsync(int commentId)
    {
        if (_window.Remove(commentId) || _window.First is not { } first) return;
        var (before, after) = await Comments.CountAroundAsync(PostId, first, _window.Last!.Value);
        _window.Recount(before, after);
    }

    /// <summary>The same page again (from its first comment), as the database has it now.</summary>
    private async Task ReloadAsync()
    {
        var take = Math.Max(CommentWindow.PageSize, _window.Comments.Count);
        _window.Show(_window.First is { } first
            ? await Comments.WindowAfterAsync(PostId, first, take, inclusive: true)
            : await Comments.WindowAsync(PostId, fromEnd: false, take));
    }

    private async Task ShowLaterAsync()
    {
        if (_window.Last is { } last) _window.Append(await Comments.WindowAfterAsync(PostId, last, CommentWindow.PageSize));
    }

    private async Task ShowEarlierAsync()
    {
        if (_window.First is { } first) _window.Prepend(await Comments.WindowBeforeAsync(PostId, first, CommentWindow.PageSize));
    }

    private void Edit(CommentView comment) => _editing = comment.Id;

    /// <summary>The edited comment, from this page's editor or from the bus (another tab).</summary>
    private void Replace(CommentView comment)
    {
        _window.Replace(comment);
        if (_editing == comment.Id && comment.EditedAt is not null) _editing = null;
    }

    private async Task DeleteAsync(CommentView comment)
    {
        if (!await Overlays.ConfirmAsync("Delete this comment?", "It disappears for everyone, with the messages it sent.", "Delete", "Keep it"))
            return;
        try
        {
            await Edits.DeleteAsync(_me, comment.Id);
            _window.Remove(comment.Id);
        }
        catch (ForumException ex)
        {
            await Overlays.ToastAsync(ex.Message, Severity.Warning);
        }
    }

    private EventCallback<CommentView> ReplyIf() => Closed ? default : EventCallback.Factory.Create<CommentView>(this, Answer);

    private void Answer(CommentView comment) => _answering = comment;

    /// <summary>The member's own comment or reply (which may also have arrived from the bus already).</summary>
    private async Task PostedAsync(CommentView comment)
    {
        // Past the shown page: show the thread's last page, which holds it.
        if (!_window.Add(comment)) _window.Show(await Comments.WindowAsync(PostId, fromEnd: true, CommentWindow.PageSize));
        if (comment.ParentId is not null) _answering = null;
        _reveal = comment.Id;
    }

    public void Dispose() => _subscription?.Dispose();
}
