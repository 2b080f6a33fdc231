using System.Runtime.CompilerServices;
using Forum.Data.Realtime;
using Forum.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Forum.Data.Sessions;

/// <summary>
/// A member's security stamp changed through Identity (a password change, a stamp refresh) or the member was deleted:
/// after the save, <see cref="SignedOut"/> for every session goes out on their topic, as "sign out everywhere" sends
/// it. Open circuits sign out, open sockets and streams end, and cached token checks forget the stamp at once instead
/// of at their next periodic check. Writes inside an explicit transaction (bans, sign-out everywhere) publish
/// themselves after their commit and are skipped here.
/// </summary>
public sealed class StampChanges(INotificationBus bus) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<string>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        foreach (var userId in Take(eventData.Context)) await bus.PublishAsync(Topics.User(userId), new SignedOut(userId, SessionId: null));
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        foreach (var userId in Take(eventData.Context)) _ = bus.PublishAsync(Topics.User(userId), new SignedOut(userId, SessionId: null));
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null) return;
        // Only the tracked members are looked at (a writer's context holds comments, not members): no full DetectChanges.
        var tracker = context.ChangeTracker;
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        List<string>? changed = null;
        try
        {
            foreach (var entry in tracker.Entries<ForumUser>())
            {
                entry.DetectChanges();
                if (entry.State == EntityState.Deleted || entry.State == EntityState.Modified && entry.Property(u => u.SecurityStamp).IsModified)
                    (changed ??= []).Add(entry.Entity.Id);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }
        if (changed is not null) _pending.AddOrUpdate(context, changed);
    }

    private List<string> Take(DbContext? context) =>
        context is not null && _pending.TryGetValue(context, out var ids) && _pending.Remove(context) ? ids : [];
}
