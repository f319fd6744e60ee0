namespace Sim.Worker.Server;

/// <summary>Where the Hangfire queue lives.</summary>
public enum StorageKind
{
    /// <summary>In the server process (Hangfire.InMemory): one process; unfinished runs are re-queued from the run store at restart.</summary>
    InMemory,

    /// <summary>In PostgreSQL (Hangfire.PostgreSql): any number of serve and worker processes share one queue.</summary>
    Postgres,
}
