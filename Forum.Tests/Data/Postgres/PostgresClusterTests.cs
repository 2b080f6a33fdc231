using Forum.Tests.TestSupport.Postgres;

namespace Forum.Tests.Data.Postgres;

/// <summary>The run's PostgreSQL fixture: where it finds the server, and what it says when it cannot.</summary>
public sealed class PostgresClusterTests
{
    [Fact]
    public void FindBinaries_DirectoriesWithoutTheServer_NoneAndTheMessageSaysHowToInstall()
    {
        var empty = Directory.CreateTempSubdirectory("forum-no-pg-").FullName;
        try
        {
            Assert.Null(PostgresCluster.FindBinaries([empty, Path.Combine(empty, "missing")]));
            Assert.Contains("apt-get install -y postgresql", PostgresCluster.MissingBinaries().Message);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void FindBinaries_ADirectoryWithInitdbAndPgCtl_IsChosen()
    {
        var bin = Directory.CreateTempSubdirectory("forum-pg-bin-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(bin, "initdb"), "");
            Assert.Null(PostgresCluster.FindBinaries([bin])); // pg_ctl missing: not a server directory
            File.WriteAllText(Path.Combine(bin, "pg_ctl"), "");
            Assert.Equal(bin, PostgresCluster.FindBinaries(["/nonexistent", bin]));
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public async Task Cluster_OnThisMachine_ServesALoopbackDatabaseRecentEnough()
    {
        var connectionString = await PostgresCluster.Shared.ConnectionStringAsync("postgres");

        Assert.Contains("Host=127.0.0.1", connectionString);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        // DROP DATABASE … WITH (FORCE) needs 13; the app's hashtextextended advisory keys need 11.
        Assert.True(connection.PostgreSqlVersion.Major >= 13, $"PostgreSQL {connection.PostgreSqlVersion} is older than 13");
    }
}
