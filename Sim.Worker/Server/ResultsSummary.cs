using System.Globalization;
using Parquet;
using Parquet.Schema;
using Sim.Worker.Output;

namespace Sim.Worker.Server;

/// <summary>One percentile level of the terminal balance, in today's (start-year) and in nominal dollars.</summary>
/// <param name="Level">Percentile level, 0 to 100.</param>
/// <param name="Real">Terminal balance in start-year dollars (<c>terminal_balance_real_pNN</c>).</param>
/// <param name="Nominal">Terminal balance in nominal dollars (<c>terminal_balance_pNN</c>).</param>
public sealed record TerminalPercentile(double Level, double Real, double Nominal);

/// <summary>
/// The one row of a run's <c>summary.parquet</c> (<see cref="ResultParquet.WriteSummaryAsync"/>), read back as
/// written: the results page shows these numbers and recomputes nothing.
/// </summary>
public sealed record ResultsSummary
{
    private const string NominalPrefix = ResultParquet.SummaryColumns.TerminalPrefix;
    private const string RealPrefix = ResultParquet.SummaryColumns.TerminalRealPrefix;

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Return model (lognormal, studentT, bootstrap, historical).</summary>
    public required string Model { get; init; }

    /// <summary>Engine version that computed the run.</summary>
    public required string EngineVersion { get; init; }

    /// <summary>Simulated paths.</summary>
    public required long Paths { get; init; }

    /// <summary>Seed (stored as a signed 64-bit column; read back to the unsigned seed).</summary>
    public required ulong Seed { get; init; }

    /// <summary>First simulated year.</summary>
    public required int StartYear { get; init; }

    /// <summary>Last simulated year.</summary>
    public required int EndYear { get; init; }

    /// <summary>Share of paths that never run out, 0 to 1.</summary>
    public required double SuccessProbability { get; init; }

    /// <summary>Age at which the median nominal balance peaks (spec section 12).</summary>
    public required int PeakAge { get; init; }

    /// <summary>Median age at which failing paths run out; null when no path failed.</summary>
    public double? MedianFailureAge { get; init; }

    /// <summary>Wall time of the computation, seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Social Security and pensions in their first full year (<c>income_age</c>, <c>income_real</c>,
    /// <c>income_level_nominal</c>); null without income streams, and for files written before those columns.</summary>
    public IncomeFigure? Income { get; init; }

    /// <summary>Terminal balance percentiles, lowest level first.</summary>
    public required IReadOnlyList<TerminalPercentile> Terminal { get; init; }

    /// <summary>Reads the first (only) row of a summary.parquet file.</summary>
    /// <exception cref="InvalidDataException">The file lacks a column the page needs.</exception>
    public static async Task<ResultsSummary> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        if (reader.RowGroupCount < 1)
        {
            throw new InvalidDataException($"{path} has no rows");
        }

        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        using var group = reader.OpenRowGroupReader(0);

        DataField Field(string name) => fields.TryGetValue(name, out var f)
            ? f
            : throw new InvalidDataException($"{path} has no column {name}");

        async Task<T> Value<T>(string name)
            where T : struct
        {
            var buffer = new T[checked((int)group.RowCount)];
            await group.ReadAsync<T>(Field(name), buffer, null, cancellationToken);
            return buffer[0];
        }

        async Task<T?> Nullable<T>(string name)
            where T : struct
        {
            var buffer = new T?[checked((int)group.RowCount)];
            await group.ReadAsync<T>(Field(name), buffer, null, cancellationToken);
            return buffer[0];
        }

        async Task<string> Text(string name)
        {
            var buffer = new string[checked((int)group.RowCount)];
            await group.ReadAsync(Field(name), buffer, null, cancellationToken);
            return buffer[0];
        }

        IncomeFigure? income = null;
        const string age = ResultParquet.SummaryColumns.IncomeAge, real = ResultParquet.SummaryColumns.IncomeReal,
            level = ResultParquet.SummaryColumns.IncomeLevelNominal;
        if (fields.ContainsKey(age) && fields.ContainsKey(real) && fields.ContainsKey(level) && await Nullable<int>(age) is { } incomeAge)
        {
            income = new IncomeFigure(incomeAge, await Nullable<double>(real) ?? 0, await Nullable<double>(level) ?? 0);
        }

        var terminal = new List<TerminalPercentile>();
        foreach (var name in fields.Keys.Where(n => n.StartsWith(RealPrefix, StringComparison.Ordinal)))
        {
            var levelName = name[RealPrefix.Length..];
            terminal.Add(new TerminalPercentile(ParseLevel(levelName), await Value<double>(name),
                await Value<double>(NominalPrefix + levelName)));
        }

        return new ResultsSummary
        {
            Scenario = await Text(ResultParquet.SummaryColumns.Scenario),
            Model = await Text(ResultParquet.SummaryColumns.Model),
            EngineVersion = await Text(ResultParquet.SummaryColumns.EngineVersion),
            Paths = await Value<long>(ResultParquet.SummaryColumns.Paths),
            Seed = unchecked((ulong)await Value<long>(ResultParquet.SummaryColumns.Seed)),
            StartYear = await Value<int>(ResultParquet.SummaryColumns.StartYear),
            EndYear = await Value<int>(ResultParquet.SummaryColumns.EndYear),
            SuccessProbability = await Value<double>(ResultParquet.SummaryColumns.SuccessProbability),
            PeakAge = await Value<int>(ResultParquet.SummaryColumns.PeakAge),
            MedianFailureAge = await Nullable<double>(ResultParquet.SummaryColumns.MedianFailureAge),
            WallSeconds = await Value<double>(ResultParquet.SummaryColumns.WallSeconds),
            Income = income,
            Terminal = [.. terminal.OrderBy(t => t.Level)],
        };
    }

    /// <summary>The inverse of <see cref="ResultParquet.LevelName"/>: "2_5" is 2.5.</summary>
    private static double ParseLevel(string levelName) =>
        double.Parse(levelName.Replace('_', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
