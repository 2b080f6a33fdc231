using Forum.App.Components.Account;
using Forum.App.Components.Shared;
using Forum.Data;
using Forum.Data.Chat;
using Forum.Data.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Forum.App.Features.Chat;

/// <summary>
/// A room on the circuit: the latest page from the database, then live messages, deletions and presence from the bus.
/// Every rule (who may send, flood limits, @name, ignores, the delete window) is the chat service's; this shows its answers.
/// </summary>
public partial class ChatRoomView
{
    private readonly ChatTimeline _timeline = new();
    private readonly List<IDisposable> _subscriptions = [];
    private ChatMember? _me;
    private RoomPresence _here = new("", [], 0);
    private IReadOnlySet<string> _ignored = new HashSet<string>();
    private IReadOnlyList<ChatMember> _ignoredList = [];
    private ChatMember? _picked;
    private IDisposable? _inRoom;
    private string? _actionError;
    /// <summary>What the member is reporting (a message or a member), shown as the report form above the message box.</summary>
    private (string Kind, string Id)? _reporting;
    private const string ReportMember = "member";

    private EventCallback<ChatMessageView> ReportIf => _me is null ? default
        : EventCallback.Factory.Create<ChatMessageView>(this, m => _reporting = ("chat", m.Id.ToString()));
    /// <summary>Listening and present (tests and browser tests wait for it before acting).</summary>
    private bool _live;

    [Inject] private ChatQueries Queries { get; set; } = default!;
    [Inject] private ChatService Chat { get; set; } = default!;
    [Inject] private IPresence Presence { get; set; } = default!;
    [Inject] private INotificationBus Bus { get; set; } = default!;
    [Inject] private ChatCircuit Circuit { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    [Parameter, EditorRequired] public ChatRoom Room { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private const string MentionHint = "Start with @name to write to one member privately.";

    private string OnlineText => _here.Visitors == 0 ? $"{_here.Members.Count}" : $"{_here.Members.Count} + {_here.Visitors} visiting";
    private string LoginLink => $"/Account/Login?returnUrl={Uri.EscapeDataString("/" + Nav.ToBaseRelativePath(Nav.Uri))}";

    protected override async Task OnInitializedAsync()
    {
        var user = AuthState is null ? null : (await AuthState).User;
        if (user?.UserId() is { } id) _me = new ChatMember(id, user.Identity?.Name ?? "", user.DisplayNameOf());
        await LoadIgnoresAsync();
        _timeline.Show(await Queries.HistoryAsync(_me?.Id, Room.Name));
        _here = Queries.WhoIsHere(Room.Name);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only a live circuit listens and is present; a prerender is gone as soon as it is sent.
        if (!firstRender) return;
        _subscriptions.Add(Bus.Subscribe(Topics.Room(Room.Name), e => OnEventAsync(e, room: true)));
        _subscriptions.Add(Bus.Subscribe(Topics.Presence(Places.Room(Room.Name)), e => OnEventAsync(e, room: false)));
        if (_me is not null) _subscriptions.Add(Bus.Subscribe(Topics.User(_me.Id), e => OnEventAsync(e, room: false),
            wants: e => e is DirectPosted or DirectDeleted or IgnoreChanged));
        _subscriptions.Add(Circuit.OnConnectionChanged(up => InvokeAsync(() => ApplyAsync(() => ConnectionChangedAsync(up)))));
        EnterRoom();
        // What was written between the first load and the subscription.
        await CatchUpAsync();
        _here = Queries.WhoIsHere(Room.Name);
        _live = true;
        StateHasChanged();
    }

    private Task OnEventAsync(BusEvent busEvent, bool room)
    {
        Func<Task>? apply = busEvent switch
        {
            ChatPosted posted when !_ignored.Contains(posted.Message.Sender.Id) => Do(() => _timeline.Add(posted.Message)),
            ChatDeleted deleted => Do(() => _timeline.MarkDeleted(deleted.MessageId)),
            // The member's private messages (sent with @name here or anywhere else) show in the room they have open.
            DirectPosted direct => Do(() => _timeline.Add(direct.Message)),
            DirectDeleted deleted => Do(() => _timeline.MarkDeleted(deleted.MessageId)),
            PresenceChanged changed => Do(() => Arrived(changed)),
            IgnoreChanged => ReloadAsync,
            EventsMissed when room => CatchUpAsync,
            EventsMissed => Do(() => _here = Queries.WhoIsHere(Room.Name)),
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

    private static Func<Task> Do(Action action) => () =>
    {
        action();
        return Task.CompletedTask;
    };

    /// <summary>Someone came or went: the list of who is here, and a notice (shown, never stored) for others than me.</summary>
    private void Arrived(PresenceChanged changed)
    {
        _here = Queries.WhoIsHere(Room.Name);
        if (changed.Member.UserId is { } id && id != _me?.Id)
            _timeline.Notice($"{changed.Member.DisplayName} {(changed.Joined ? "joined" : "left")}");
    }

    private void EnterRoom() => _inRoom ??= Presence.Enter(Places.Room(Room.Name),
        _me is null ? PresenceMember.Visitor : new PresenceMember(_me.Id, _me.DisplayName, _me.UserName));

    /// <summary>Out of the room while the browser is away; back in, with what it missed, when it returns.</summary>
    private async Task ConnectionChangedAsync(bool up)
    {
        if (!up)
        {
            _inRoom?.Dispose();
            _inRoom = null;
            return;
        }
        EnterRoom();
        _here = Queries.WhoIsHere(Room.Name);
        await CatchUpAsync();
    }

    /// <summary>
    /// What came after the last message shown (after a reconnect, missed events, or the first subscription): each once.
    /// A gap longer than a page starts over from the latest page; "Earlier messages" reaches the rest.
    /// </summary>
    private async Task CatchUpAsync()
    {
        var page = await Queries.AfterAsync(_me?.Id, Room.Name, _timeline.LastId);
        if (page.More) _timeline.Show(await Queries.HistoryAsync(_me?.Id, Room.Name));
        else foreach (var message in page.Items) _timeline.Add(message);
    }

    /// <summary>The member ignored or stopped ignoring someone (here or in another tab): the room as they now see it.</summary>
    private async Task ReloadAsync()
    {
        await LoadIgnoresAsync();
        _timeline.Show(await Queries.HistoryAsync(_me?.Id, Room.Name));
    }

    private async Task LoadIgnoresAsync()
    {
        if (_me is null) return;
        _ignoredList = await Queries.IgnoredAsync(_me.Id);
        _ignored = _ignoredList.Select(m => m.Id).ToHashSet();
    }

    private async Task EarlierAsync()
    {
        if (_timeline.FirstId is { } first) _timeline.Prepend(await Queries.HistoryAsync(_me?.Id, Room.Name, beforeId: first));
    }

    private async Task SendAsync(string text, Guid requestId)
    {
        _actionError = null;
        _timeline.Add(await Chat.SendAsync(_me?.Id, Room.Name, text, requestId));
    }

    private async Task DeleteAsync(ChatMessageView message)
    {
        _actionError = null;
        try
        {
            await Chat.DeleteAsync(_me?.Id, message.Id);
            _timeline.MarkDeleted(message.Id);
        }
        catch (ForumException ex)
        {
            _actionError = ex.Message;
        }
    }

    private void Pick(ChatMember member) => _picked = member;

    private async Task ToggleIgnoreAsync(ChatMember member)
    {
        _actionError = null;
        try
        {
            if (_ignored.Contains(member.Id)) await Chat.UnignoreAsync(_me?.Id, member.UserName);
            else await Chat.IgnoreAsync(_me?.Id, member.UserName);
            await ReloadAsync();
        }
        catch (ForumException ex)
        {
            _actionError = ex.Message;
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        _inRoom?.Dispose();
    }
}
