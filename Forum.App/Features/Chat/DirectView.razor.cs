using Forum.App.Components.Account;
using Forum.App.Features.Messages;
using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Forum.App.Features.Chat;

/// <summary>
/// A private conversation on the circuit. While it is open the member is present in it, so what arrives is read on
/// arrival (the service's rule) and the badge does not rise; opening it reads what was waiting.
/// </summary>
public partial class DirectView
{
    private readonly ChatTimeline _timeline = new();
    private readonly List<IDisposable> _subscriptions = [];
    private IDisposable? _reading;
    private string? _me;
    private long? _conversationId;
    private string? _actionError;
    private bool _live;

    [Inject] private ChatQueries Queries { get; set; } = default!;
    [Inject] private ChatService Chat { get; set; } = default!;
    [Inject] private IPresence Presence { get; set; } = default!;
    [Inject] private INotificationBus Bus { get; set; } = default!;
    [Inject] private ChatCircuit Circuit { get; set; } = default!;
    [Inject] private UnreadState Unread { get; set; } = default!;
    [Inject] private ILogger<DirectView> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public DirectHistory History { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private ChatMember Other => History.Other;

    protected override async Task OnInitializedAsync()
    {
        _me = AuthState is null ? null : (await AuthState).User.UserId();
        _conversationId = History.ConversationId;
        _timeline.Show(History.Page);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _me is null) return;
        _subscriptions.Add(Bus.Subscribe(Topics.User(_me), OnEventAsync, wants: e => e is DirectPosted or DirectDeleted));
        _subscriptions.Add(Circuit.OnConnectionChanged(up => InvokeAsync(() => ApplyAsync(() => ConnectionChangedAsync(up)))));
        await Unread.StartAsync(_me);
        await CatchUpAsync();
        await ReadAsync();
        _live = true;
        StateHasChanged();
    }

    private bool Concerns(ChatMessageView message) =>
        message.ConversationId is { } id && (id == _conversationId || message.Sender.Id == Other.Id || message.To?.Id == Other.Id);

    private Task OnEventAsync(BusEvent busEvent)
    {
        Func<Task>? apply = busEvent switch
        {
            DirectPosted posted when Concerns(posted.Message) => () => ArrivedAsync(posted.Message),
            DirectDeleted deleted when deleted.ConversationId == _conversationId => () =>
            {
                _timeline.MarkDeleted(deleted.MessageId);
                return Task.CompletedTask;
            },
            EventsMissed => CatchUpAsync,
            _ => null,
        };
        return apply is null ? Task.CompletedTask : InvokeAsync(() => ApplyAsync(apply));
    }

    private async Task ApplyAsync(Func<Task> apply)
    {
        try
        {
            await apply();
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task ArrivedAsync(ChatMessageView message)
    {
        _timeline.Add(message);
        // The first message of a new conversation gives it its id: from now on the member is reading it.
        if (_reading is null) await ReadAsync();
    }

    /// <summary>Present in the conversation (once it exists) and its waiting messages read: the badge drops.</summary>
    private async Task ReadAsync()
    {
        _conversationId ??= _timeline.Entries.Select(e => e.Message?.ConversationId).LastOrDefault(id => id is not null);
        if (_conversationId is { } id && _reading is null)
            _reading = Presence.Enter(Places.Conversation(id), new PresenceMember(_me, "", null));
        try
        {
            await Unread.ApplyAsync(await Chat.MarkConversationReadAsync(_me, Other.UserName));
        }
        catch (Exception ex)
        {
            // A side effect: the conversation stays on screen, and opening it again reads it.
            Logger.LogWarning(ex, "Marking a conversation read failed");
        }
    }

    /// <summary>Not reading while the browser is away (what arrives then stays unread); back, with what it missed.</summary>
    private async Task ConnectionChangedAsync(bool up)
    {
        _reading?.Dispose();
        _reading = null;
        if (!up) return;
        await CatchUpAsync();
        await ReadAsync();
    }

    /// <summary>What came after the last message shown (after a reconnect or missed events): each once.</summary>
    private async Task CatchUpAsync()
    {
        var page = await Queries.ConversationAfterAsync(_me, Other.UserName, _timeline.LastId);
        if (page.Page.More) _timeline.Show((await Queries.ConversationAsync(_me, Other.UserName)).Page);
        else foreach (var message in page.Page.Items) _timeline.Add(message);
    }

    private async Task EarlierAsync()
    {
        if (_timeline.FirstId is { } first) _timeline.Prepend((await Queries.ConversationAsync(_me, Other.UserName, beforeId: first)).Page);
    }

    private async Task SendAsync(string text, Guid requestId)
    {
        _actionError = null;
        var sent = await Chat.SendDirectAsync(_me, Other.UserName, text, requestId);
        _timeline.Add(sent);
        if (_reading is null) await ReadAsync();
    }

    private async Task DeleteAsync(ChatMessageView message)
    {
        _actionError = null;
        try
        {
            await Chat.DeleteAsync(_me, message.Id);
            _timeline.MarkDeleted(message.Id);
        }
        catch (ForumException ex)
        {
            _actionError = ex.Message;
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        _reading?.Dispose();
    }
}
