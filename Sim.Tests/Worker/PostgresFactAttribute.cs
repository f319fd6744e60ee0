namespace Sim.Tests.Worker;

/// <summary>A fact that needs a real PostgreSQL: skipped, saying why, unless SIM_TEST_POSTGRES names one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "SIM_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"{Variable} is not set: these facts need a PostgreSQL connection string " +
                   "(export SIM_TEST_POSTGRES=\"$(bash .ci/postgres.sh)\" starts one on 127.0.0.1)";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
