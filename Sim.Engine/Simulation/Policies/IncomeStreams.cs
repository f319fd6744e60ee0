using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Simulation.Policies;

/// <summary>
/// The one registry of income stream types (spec 13), built like <see cref="WithdrawalPolicies"/>: JSON
/// <c>type</c>, the model record, its fields, its reader and its policy. Adding one = its record, its policy
/// (<see cref="IIncomeStreamPolicy"/>), one line here, tests and docs (docs/developer.md, "Adding an income stream").
/// </summary>
internal static class IncomeStreams
{
    private static readonly IncomeStreamEntry[] Entries =
    [
        IncomeStreamEntry.Of("socialSecurity", SocialSecurityIncome.Fields, SocialSecurityIncome.Read, (SocialSecurityIncome s, int birthYear) => new SocialSecurityPolicy(s, birthYear)),
        IncomeStreamEntry.Of("pension", PensionIncome.Fields, PensionIncome.Read, (PensionIncome p, int birthYear) => new PensionPolicy(p, birthYear)),
    ];

    /// <summary>Every stream type's JSON name, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>Every field any stream type takes (the union, without duplicates).</summary>
    public static IReadOnlyList<string> AllFields { get; } = [.. Entries.SelectMany(e => e.Fields).Distinct()];

    public static IncomeStreamEntry? ByName(string name) => Entries.FirstOrDefault(e => e.Name == name);

    /// <summary>The policy of <paramref name="stream"/>, whose owner was born in <paramref name="ownerBirthYear"/>.</summary>
    public static IIncomeStreamPolicy Policy(object stream, int ownerBirthYear) =>
        (Entries.FirstOrDefault(e => e.Type == stream.GetType())
         ?? throw new InvalidOperationException($"{stream.GetType().Name} is not registered in IncomeStreams"))
        .CreatePolicy(stream, ownerBirthYear);
}

/// <summary>One registered income stream type.</summary>
internal abstract class IncomeStreamEntry
{
    public required string Name { get; init; }
    public required Type Type { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }

    public abstract object Read(JsonObjectReader o);

    public abstract IIncomeStreamPolicy CreatePolicy(object stream, int ownerBirthYear);

    public static IncomeStreamEntry Of<TStream>(string name, IReadOnlyList<string> fields,
        Func<JsonObjectReader, TStream> read, Func<TStream, int, IIncomeStreamPolicy> policy)
        where TStream : class =>
        new Entry<TStream>(read, policy) { Name = name, Type = typeof(TStream), Fields = fields };

    private sealed class Entry<TStream>(Func<JsonObjectReader, TStream> read, Func<TStream, int, IIncomeStreamPolicy> policy)
        : IncomeStreamEntry
        where TStream : class
    {
        public override object Read(JsonObjectReader o) => read(o);

        public override IIncomeStreamPolicy CreatePolicy(object stream, int ownerBirthYear) =>
            policy((TStream)stream, ownerBirthYear);
    }
}
