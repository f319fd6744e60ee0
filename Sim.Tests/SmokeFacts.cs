namespace Sim.Tests; public class SmokeFacts { [Fact] public void EngineVersion_IsSet() => Assert.Equal("0.5.0", Sim.Engine.EngineInfo.Version); }
