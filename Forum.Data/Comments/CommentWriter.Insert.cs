using System.Data.Common;
using System.Text;
using Forum.Data.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Forum.Data.Comments;

/// <summary>
/// The group's rows, written as SQL in one command on the group's transaction. The writer builds each row whole and
/// never reads it back, so EF's SaveChanges (change tracking, fix-up, ordering the commands) was pure overhead: issue 10's
/// profile put it at a fifth of a comment's server CPU. Tables, columns and values come from the model (each value
/// through its property's own type mapping and converter), so each provider stores exactly what EF would.
/// </summary>
public sealed partial class CommentWriter
{
    private static readonly string[] CommentColumns =
        [nameof(Comment.PostId), nameof(Comment.AuthorId), nameof(Comment.ParentId), nameof(Comment.Body), nameof(Comment.CreatedAt),
         nameof(Comment.RequestId), nameof(Comment.Moderation)];

    private static readonly string[] NotificationColumns =
        [nameof(Notification.RecipientId), nameof(Notification.ActorId), nameof(Notification.Kind), nameof(Notification.PostId),
         nameof(Notification.PostAuthorId), nameof(Notification.CommentId), nameof(Notification.CreatedAt), nameof(Notification.IsRead)];

    /// <summary>
    /// Inserts the comments (one statement each, in order, each returning its id), then all their notifications. A store
    /// error comes out as EF's <see cref="DbUpdateException"/>, as from SaveChanges, so callers tell a lost race alike.
    /// </summary>
    private async Task InsertAsync(ForumDbContext db, List<Accepted> accepted)
    {
        try
        {
            await InsertRowsAsync(db, accepted);
        }
        catch (DbException e)
        {
            throw new DbUpdateException("Writing a group of comments failed: " + e.Message, e);
        }
    }

    private async Task InsertRowsAsync(ForumDbContext db, List<Accepted> accepted)
    {
        await using (var command = RawSql.Command(db))
        {
            foreach (var added in accepted)
            {
                var row = added.Row;
                AppendInsert(command, commentInsert ??= InsertShape.Of<Comment>(db, CommentColumns),
                    [[row.PostId, row.AuthorId, row.ParentId, row.Body, row.CreatedAt, row.RequestId, row.Moderation]], "\"Id\"");
            }
            await using var reader = await command.ExecuteReaderAsync();
            foreach (var added in accepted)
            {
                if (!await reader.ReadAsync()) throw new InvalidOperationException("A comment's insert returned no id.");
                added.Row.Id = reader.GetInt32(0);
                await reader.NextResultAsync();
            }
        }
        var notes = accepted.SelectMany(a => a.Notifications.Select(n => (Note: n, Comment: a.Row))).ToList();
        if (notes.Count == 0) return;
        await using (var command = RawSql.Command(db))
        {
            foreach (var (note, comment) in notes) note.CommentId = comment.Id;
            // One statement for all of them; RETURNING's row order is not promised, so each id comes back with its key.
            AppendInsert(command, notificationInsert ??= InsertShape.Of<Notification>(db, NotificationColumns),
                [.. notes.Select(n => new object?[] { n.Note.RecipientId, n.Note.ActorId, n.Note.Kind, n.Note.PostId, n.Note.PostAuthorId,
                    n.Note.CommentId, n.Note.CreatedAt, n.Note.IsRead })], "\"Id\", \"CommentId\", \"RecipientId\"");
            var byKey = notes.ToDictionary(n => (n.Note.CommentId, n.Note.RecipientId), n => n.Note);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) byKey[(reader.GetInt32(1), reader.GetString(2))].Id = reader.GetInt64(0);
        }
    }

    private InsertShape? commentInsert, notificationInsert;

    /// <summary>A table's <c>INSERT INTO "T" ("A", "B") VALUES </c> and its columns' properties, from this writer's model, built once.</summary>
    private sealed record InsertShape(string Prefix, IProperty[] Properties)
    {
        public static InsertShape Of<T>(ForumDbContext db, string[] columns)
        {
            var type = db.Model.FindEntityType(typeof(T))!;
            var properties = columns.Select(c => type.FindProperty(c)!).ToArray();
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            return new($"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) VALUES ", properties);
        }
    }

    /// <summary>Adds <c>INSERT INTO table (columns) VALUES (…), (…) RETURNING …;</c> to the command, every value a parameter.</summary>
    private static void AppendInsert(DbCommand command, InsertShape shape, IReadOnlyList<object?[]> rows, string returning)
    {
        var sql = new StringBuilder(command.CommandText).Append(shape.Prefix);
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < shape.Properties.Length; c++)
            {
                var (property, name) = (shape.Properties[c], RawSql.P(command.Parameters.Count));
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, rows[r][c], property.IsNullable));
                sql.Append(c == 0 ? "" : ", ").Append(name);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(" RETURNING ").Append(returning).Append(';').ToString();
    }
}
