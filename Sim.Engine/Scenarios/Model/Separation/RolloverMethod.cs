namespace Sim.Engine.Scenarios;

/// <summary>How a rollover is paid: trustee to trustee (direct) or to the participant (indirect, IRC 402(c)(3)).</summary>
public enum RolloverMethod
{
    /// <summary>Trustee to trustee: nothing withheld, nothing taxed (the default).</summary>
    Direct,

    /// <summary>Paid to the participant with 20% withheld (IRC 3405(c)), redeposited within 60 days.</summary>
    Indirect,
}
