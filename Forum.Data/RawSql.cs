using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Forum.Data;

/// <summary>
/// Plain ADO.NET on a context's connection and transaction, for the write path's multi-row statements: their SQL depends
/// on how many rows they take, and EF's raw-SQL queries build a new command (SQL, parameters, a reader shaper) on every
/// call (issue 10's allocation profile: a fifth of a comment's writer allocations). Values travel as parameters
/// <c>@p0</c>, <c>@p1</c>, … (both providers accept the names); only those placeholders are spliced into the SQL.
/// </summary>
internal static class RawSql
{
    public static string P(int index) => $"@p{index}";

    public static async Task<int> ExecuteAsync(ForumDbContext db, string sql, IReadOnlyList<object> values, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(db, sql, values);
            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<List<T>> QueryAsync<T>(ForumDbContext db, string sql, IReadOnlyList<object> values, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(db, sql, values);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct)) rows.Add(read(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A command on the context's connection, in its transaction if one is open; the caller adds SQL and parameters.</summary>
    public static DbCommand Command(ForumDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static DbCommand Command(ForumDbContext db, string sql, IReadOnlyList<object> values)
    {
        var command = Command(db);
        command.CommandText = sql;
        for (var i = 0; i < values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = P(i);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
