namespace Sim.Tests; public class SmokeFacts { [Fact] public void EngineVersion_IsSet() => Assert.Equal("0.4.0", Sim.Engine.EngineInfo.Version); }
