using Sim.Engine.Scenarios.Parsing;

namespace Sim.Engine.Scenarios;

/// <summary>rmdOnly: target 0; only required minimum distributions are taken. Never fails.</summary>
public sealed record RmdOnlyStrategy : WithdrawalStrategy
{
    internal static readonly string[] Fields = [];

    internal static RmdOnlyStrategy Read(JsonObjectReader o) => new();
}
