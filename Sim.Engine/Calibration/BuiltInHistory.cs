namespace Sim.Engine.Calibration;

/// <summary>The shipped Damodaran 1928-2025 series (S&amp;P 500 with dividends, 10-year Treasury, 3-month T-bill,
/// CPI-U Dec/Dec), read from the engine's embedded resource.</summary>
public static class BuiltInHistory
{
    public const string ResourceName = "Sim.Engine.Data.damodaran_histretSP_1928_2025.csv";
    public const string Name = "Damodaran histretSP 1928-2025 (built in)";

    /// <exception cref="InvalidOperationException">The resource is missing from this build.</exception>
    public static AnnualHistory Load()
    {
        using var stream = typeof(BuiltInHistory).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return HistoryCsv.Parse(reader.ReadToEnd(), Name);
    }
}
