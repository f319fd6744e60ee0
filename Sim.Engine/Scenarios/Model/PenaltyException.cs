namespace Sim.Engine.Scenarios;

/// <summary>An exception to the 10% additional tax on early distributions listed in <c>$.taxes.exceptions</c>.</summary>
public enum PenaltyException
{
    /// <summary>Total and permanent disability, IRC 72(t)(2)(A)(iii).</summary>
    Disability,

    /// <summary>Substantially equal periodic payments, IRC 72(t)(2)(A)(iv).</summary>
    Sepp,
}
