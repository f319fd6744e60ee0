namespace Sim.Engine; public static class EngineInfo { public const string Version = "0.1.0"; }
