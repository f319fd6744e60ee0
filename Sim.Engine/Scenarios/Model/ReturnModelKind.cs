namespace Sim.Engine.Scenarios;

/// <summary>The return model of <c>$.returns.model</c> (docs/model.md section 3).</summary>
public enum ReturnModelKind
{
    /// <summary>Correlated lognormal asset returns with normal inflation (the default).</summary>
    Lognormal,

    /// <summary>As lognormal with a unit-variance multivariate Student-t in place of the normals (fat tails).</summary>
    StudentT,

    /// <summary>Whole historical years drawn with replacement, in blocks of <c>blockLength</c>.</summary>
    Bootstrap,

    /// <summary>Rolling historical sequences, one path per start year that fits; no randomness.</summary>
    Historical,
}
