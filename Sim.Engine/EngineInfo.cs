namespace Sim.Engine;

/// <summary>The engine's identity in every output. Bump <see cref="Version"/> whenever any number a scenario produces
/// changes (docs/developer.md, "Fingerprints and the engine version").</summary>
public static class EngineInfo
{
    /// <summary>0.3.0 (issue 10): the correlated models draw in the order inflation, stocks, bonds, cash, REITs and
    /// only the normals a run reads (docs/returns-notes.md, "Which normals are drawn"); the after-tax gross-up with
    /// Social Security is solved exactly instead of by regula falsi (couple-spending-need's last bits move).
    /// 0.2.0: issue 9's defects (F1 shocks for clients already retired, F2 paths counted once, F3 one
    /// distribution definition, F5 peak age without the 50th level, loans at rate 0 and repayments restoring the
    /// employer source).</summary>
    public const string Version = "0.4.0";
}
