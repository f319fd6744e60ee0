namespace Sim.Engine.Scenarios;

/// <summary>How a rollover is paid: trustee to trustee (direct) or to the participant (indirect, IRC 402(c)(3)).</summary>
public enum RolloverMethod { Direct, Indirect }
