namespace Sim.Engine.Scenarios;

/// <summary>
/// The JSON spelling of the scenario enums: the spec's camelCase strings, which are the C# member names with a
/// lower-case first letter (Lognormal = "lognormal", StudentT = "studentT", AgeInBonds = "ageInBonds",
/// Mfj = "mfj"). Output metadata should use the same spelling.
/// </summary>
public static class ScenarioEnumNames
{
    /// <summary>The JSON spelling of <paramref name="value"/>, e.g. "studentT".</summary>
    public static string ToJson<T>(T value) where T : struct, Enum => Spelling(value.ToString());

    /// <summary>Every allowed JSON spelling of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Cache<T>.Names;

    /// <summary>Exact (case-sensitive) lookup of a JSON spelling.</summary>
    public static bool TryParse<T>(string json, out T value) where T : struct, Enum
    {
        var i = Array.IndexOf(Cache<T>.Names, json);
        value = i >= 0 ? Cache<T>.Values[i] : default;
        return i >= 0;
    }

    private static string Spelling(string memberName) =>
        string.Concat(char.ToLowerInvariant(memberName[0]).ToString(), memberName.AsSpan(1));

    private static class Cache<T> where T : struct, Enum
    {
        public static readonly T[] Values = Enum.GetValues<T>();
        public static readonly string[] Names = [.. Values.Select(v => Spelling(v.ToString()))];
    }
}
