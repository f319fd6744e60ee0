using Parquet;
using Parquet.Schema;
using Sim.Worker.Output;

namespace Sim.Worker.Server;

/// <summary>One age of the results page's income table.</summary>
/// <param name="Age">Age at the end of the year.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="StillFunded">Share of paths that have not run out by this year (1 − share_failed).</param>
/// <param name="NetIncomeReal">net_income_real at p10, p50, p90 (today's dollars).</param>
/// <param name="Withdrawals">withdrawals at p10, p50, p90 (nominal dollars).</param>
/// <param name="Taxes">taxes at p10, p50, p90 (nominal dollars).</param>
/// <param name="Income">income (Social Security and pensions, gross) at p10, p50, p90 (nominal dollars); NaN when the
/// file has no such metric.</param>
public sealed record IncomeRow(int Age, int Year, double StillFunded, double[] NetIncomeReal, double[] Withdrawals, double[] Taxes,
    double[] Income);

/// <summary>
/// The by-age figures of the results page, read from a run's <c>percentiles.parquet</c> and <c>yearly.parquet</c>
/// as written (nothing is recomputed but the age at which the median real balance peaks, from its series).
/// </summary>
public sealed record ResultsTables
{
    /// <summary>The percentile levels of the income table.</summary>
    public static readonly double[] Levels = [10, 50, 90];

    /// <summary>Every simulated year, first to last.</summary>
    public required IReadOnlyList<IncomeRow> Rows { get; init; }

    /// <summary>The age at which the median balance in today's dollars is largest (first on ties); null without p50.</summary>
    public int? RealPeakAge { get; init; }

    /// <summary>First age with a withdrawal on at least one path at p90 (the first distribution year), or null.</summary>
    public int? FirstWithdrawalAge => Rows.FirstOrDefault(r => r.Withdrawals[2] > 0 || r.Withdrawals[1] > 0)?.Age;

    /// <summary>
    /// The rows the page shows: the first distribution age, every fifth age after it, and the last age (all ages
    /// are in the Parquet files).
    /// </summary>
    public IReadOnlyList<IncomeRow> ShownRows()
    {
        if (FirstWithdrawalAge is not { } first)
        {
            return [];
        }

        return [.. Rows.Where(r => r.Age >= first && (r.Age == first || r.Age % 5 == 0 || r == Rows[^1]))];
    }

    /// <summary>Reads the tables of the result folder holding both files.</summary>
    /// <exception cref="InvalidDataException">A file lacks a column or a metric the page needs.</exception>
    public static async Task<ResultsTables> ReadAsync(string percentilesPath, string yearlyPath, CancellationToken cancellationToken)
    {
        var (years, ages, shareFailed) = await ReadYearlyAsync(yearlyPath, cancellationToken);
        var index = new Dictionary<int, int>();
        for (var i = 0; i < years.Length; i++)
        {
            index[years[i]] = i;
        }

        var wanted = new Dictionary<string, double[,]>(StringComparer.Ordinal)
        {
            ["net_income_real"] = Filled(years.Length),
            ["withdrawals"] = Filled(years.Length),
            ["taxes"] = Filled(years.Length),
            ["balance_real"] = Filled(years.Length),
            ["income"] = Filled(years.Length),
        };

        await using (var reader = await ParquetReader.CreateAsync(percentilesPath, cancellationToken: cancellationToken))
        {
            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
            DataField Field(string name) => fields.TryGetValue(name, out var f)
                ? f
                : throw new InvalidDataException($"{Path.GetFileName(percentilesPath)} has no column {name}");
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var year = new int[n];
                var metric = new string[n];
                var level = new double[n];
                var value = new double[n];
                await group.ReadAsync<int>(Field("year"), year, null, cancellationToken);
                await group.ReadAsync(Field("metric"), metric, null, cancellationToken);
                await group.ReadAsync<double>(Field("percentile"), level, null, cancellationToken);
                await group.ReadAsync<double>(Field("value"), value, null, cancellationToken);
                for (var i = 0; i < n; i++)
                {
                    var l = Array.IndexOf(Levels, level[i]);
                    if (l >= 0 && wanted.TryGetValue(metric[i], out var table) && index.TryGetValue(year[i], out var t))
                    {
                        table[t, l] = value[i];
                    }
                }
            }
        }

        var rows = new List<IncomeRow>(years.Length);
        for (var t = 0; t < years.Length; t++)
        {
            rows.Add(new IncomeRow(ages[t], years[t], 1 - shareFailed[t], Row(wanted["net_income_real"], t),
                Row(wanted["withdrawals"], t), Row(wanted["taxes"], t), Row(wanted["income"], t)));
        }

        var medianReal = Enumerable.Range(0, years.Length).Select(t => wanted["balance_real"][t, 1]).ToList();
        return new ResultsTables
        {
            Rows = rows,
            RealPeakAge = years.Length > 0 && medianReal.All(double.IsFinite) ? PlainWords.PeakAge(ages, medianReal) : null,
        };
    }

    private static double[,] Filled(int years)
    {
        var t = new double[years, Levels.Length];
        for (var i = 0; i < years; i++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                t[i, j] = double.NaN;
            }
        }

        return t;
    }

    private static double[] Row(double[,] table, int t) => [table[t, 0], table[t, 1], table[t, 2]];

    private static async Task<(int[] Years, int[] Ages, double[] ShareFailed)> ReadYearlyAsync(string path, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        DataField Field(string name) => fields.TryGetValue(name, out var f)
            ? f
            : throw new InvalidDataException($"{Path.GetFileName(path)} has no column {name}");
        var years = new List<int>();
        var ages = new List<int>();
        var failed = new List<double>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var y = new int[n];
            var a = new int[n];
            var f = new double[n];
            await group.ReadAsync<int>(Field("year"), y, null, cancellationToken);
            await group.ReadAsync<int>(Field("age"), a, null, cancellationToken);
            await group.ReadAsync<double>(Field("share_failed"), f, null, cancellationToken);
            years.AddRange(y);
            ages.AddRange(a);
            failed.AddRange(f);
        }

        return ([.. years], [.. ages], [.. failed]);
    }
}
