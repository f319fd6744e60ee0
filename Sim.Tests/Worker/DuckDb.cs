using DuckDB.NET.Data;

namespace Sim.Tests.Worker;

/// <summary>Reads Parquet back with DuckDB (an independent reader), as an analyst would.</summary>
public static class DuckDb
{
    /// <summary>Runs a query whose single result is a scalar.</summary>
    public static object? Scalar(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Runs a query and returns every row as an array of values.</summary>
    public static IReadOnlyList<object?[]> Rows(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>SELECT count(*) FROM read_parquet(path).</summary>
    public static long Count(string path) => Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet('{Quote(path)}')"),
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A path inside a single-quoted SQL string.</summary>
    public static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
