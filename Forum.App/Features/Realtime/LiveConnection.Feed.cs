using System.Security.Claims;
using Forum.App.Features.Api.Tokens;
using Forum.Data.Realtime;

namespace Forum.App.Features.Realtime;

/// <summary>
/// The member's feed on one connection: live <c>notification</c> and <c>message</c> events from the member's bus topic, and
/// resume (every entry after an id, from the notifications table, then the count). While a resume reads its backlog, live
/// entries are not sent but noted: they are committed before they are published, so reading the table once more after
/// one arrived finds it, in order, exactly once. Counts carry a version; an older one than sent is never sent.
/// </summary>
public abstract partial class LiveConnection
{
    private const int ResumePage = 100;
    // Live entries a resume must not send again: those sent between auth and the resume request (a busy member can get
    // dozens in that gap). Grown on demand, so an idle socket holds none.
    private const int RecentCapacity = 256;

    private IDisposable? _feed;
    private long _version = -1;
    private long _through;
    private long _highest;
    private bool _resuming;
    private bool _missed;
    private long[]? _recent;
    private int _recentNext;

    /// <summary>Follows the member's topic. With <paramref name="resuming"/> live entries wait for a resume started next.</summary>
    protected void StartFeed(bool resuming)
    {
        lock (Gate)
        {
            if (_feed is not null) return;
            _resuming = resuming;
            _feed = Services.Bus.Subscribe(Topics.User(UserId!), OnMemberEventAsync);
        }
    }

    protected void StopFeed()
    {
        lock (Gate)
        {
            _feed?.Dispose();
            _feed = null;
        }
    }

    /// <summary>Every entry after <paramref name="afterId"/>, oldest first, then the current count; live events after that.</summary>
    protected async Task ResumeAsync(long afterId)
    {
        lock (Gate)
        {
            _resuming = true;
            _missed = false;
        }
        try
        {
            var after = afterId;
            while (true)
            {
                var page = await Services.Messages.GetAfterAsync(UserId!, after, ResumePage);
                if (page.Count > 0)
                {
                    var frames = new List<byte[]>(page.Count);
                    foreach (var item in page)
                        if (!SentLive(item.Id)) frames.Add(Services.Frames.Notification(item, Transport));
                    after = page[^1].Id;
                    if (frames.Count > 0) await SendBatchAsync(frames);
                    if (page.Count == ResumePage) continue;
                }
                var unread = await Services.Messages.GetUnreadAsync(UserId!);
                lock (Gate)
                {
                    // Something arrived while we read: it is in the table now, so read again rather than send it out of order.
                    if (_missed)
                    {
                        _missed = false;
                        continue;
                    }
                    _resuming = false;
                    _through = after;
                    _highest = Math.Max(_highest, after);
                    if (unread.Version >= _version)
                    {
                        _version = unread.Version;
                        Send(Services.Frames.Unread(unread, Transport));
                    }
                    return;
                }
            }
        }
        catch
        {
            lock (Gate) _resuming = false;
            throw;
        }
    }

    /// <summary>The current count, unless a newer one was sent already.</summary>
    protected async Task SendCountAsync()
    {
        var unread = await Services.Messages.GetUnreadAsync(UserId!);
        lock (Gate)
            if (unread.Version > _version)
            {
                _version = unread.Version;
                Send(Services.Frames.Unread(unread, Transport));
            }
    }

    /// <summary>Whether the token's account still has the stamp the token was issued under (TokenValidation's rule).</summary>
    protected Task<bool> AccountHoldsAsync() => Services.Tokens.AccountAgreesAsync(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(TokenClaims.Subject, UserId!), new Claim(TokenClaims.Stamp, Stamp ?? "")])));

    private async Task OnMemberEventAsync(BusEvent busEvent)
    {
        switch (busEvent)
        {
            case NotificationAdded n:
                var entry = Services.Frames.For(n, Transport)!;
                lock (Gate)
                {
                    if (_resuming) _missed = true;
                    else if (n.Item.Id > _through)
                    {
                        Remember(n.Item.Id);
                        Send(entry);
                    }
                }
                break;
            case UnreadChanged u:
                var count = Services.Frames.For(u, Transport)!;
                lock (Gate)
                {
                    if (_resuming) _missed = true;
                    else if (u.Version > _version)
                    {
                        _version = u.Version;
                        Send(count);
                    }
                }
                break;
            case SignedOut { SessionId: null }:
                // Sign-out everywhere changed the account's stamp: tokens issued before it no longer hold.
                if (!await AccountHoldsAsync()) Revoke("Your sign-in was revoked (signed out everywhere or password changed); get a new token.");
                break;
            case EventsMissed:
                await CatchUpAsync();
                break;
        }
    }

    /// <summary>The bus could not deliver everything: ask the database, which is always the truth.</summary>
    private async Task CatchUpAsync()
    {
        if (!await AccountHoldsAsync())
        {
            Revoke("Your sign-in was revoked; get a new token.");
            return;
        }
        long highest;
        lock (Gate)
        {
            if (_resuming)
            {
                _missed = true;
                return;
            }
            highest = _highest;
        }
        if (highest > 0) await ResumeAsync(highest);
        else await SendCountAsync();
    }

    /// <summary>Live entries sent lately, so that a resume asked for just after does not send them twice.</summary>
    private void Remember(long id)
    {
        _recent ??= new long[8];
        if (_recentNext == _recent.Length)
        {
            if (_recent.Length < RecentCapacity) Array.Resize(ref _recent, _recent.Length * 2);
            else _recentNext = 0; // full: the oldest goes
        }
        _recent[_recentNext++] = id;
        _highest = Math.Max(_highest, id);
    }

    private bool SentLive(long id)
    {
        lock (Gate) return _recent is not null && Array.IndexOf(_recent, id) >= 0;
    }
}
