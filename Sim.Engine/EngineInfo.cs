namespace Sim.Engine;

/// <summary>The engine's identity in every output. Bump <see cref="Version"/> whenever any number a scenario produces
/// changes (docs/developer.md, "Fingerprints and the engine version").</summary>
public static class EngineInfo
{
    /// <summary>0.5.0 (issue 10): one Philox block serves two paths: normal j of path p is the cosine (p even) or sine
    /// (p odd) half of block j of the pair's even path (docs/returns-notes.md, "Normals"), so no half of a block is
    /// thrown away; every lognormal, Student-t and REIT-fill draw except normal 0 of even paths changes. The means
    /// across paths are summed by chunks of 4,096 paths (<see cref="Statistics.PathMean"/>): their last bits move
    /// for runs of more than 4,096 paths.
    /// 0.4.0: the after-tax gross-up with the traditionalFirst and rothFirst orders is solved exactly.
    /// 0.3.0 (issue 10): the correlated models draw in the order inflation, stocks, bonds, cash, REITs and
    /// only the normals a run reads (docs/returns-notes.md, "Which normals are drawn"); the after-tax gross-up with
    /// Social Security is solved exactly instead of by regula falsi (couple-spending-need's last bits move).
    /// 0.2.0: issue 9's defects (F1 shocks for clients already retired, F2 paths counted once, F3 one
    /// distribution definition, F5 peak age without the 50th level, loans at rate 0 and repayments restoring the
    /// employer source).</summary>
    public const string Version = "0.5.0";
}
