using Sim.Engine.Returns;
using Sim.Engine.Scenarios;
using Sim.Engine.Simd;

namespace Sim.Tests.Returns;

public class ReturnGeneratorsFacts
{
    private static Scenario WithMatrix(double[][] m) =>
        TestScenarios.With(ReturnModelKind.Lognormal, returns: r => r with { Correlation = m });

    [Fact]
    public void CorrelationMatrix_NotPositiveDefinite_IsAClearError()
    {
        double[][] m =
        [
            [1, 0.9, 0, 0.9, 0], [0.9, 1, 0, -0.9, 0], [0, 0, 1, 0, 0], [0.9, -0.9, 0, 1, 0], [0, 0, 0, 0, 1],
        ];
        var e = Assert.Throws<ArgumentException>(() => ReturnGenerators.Create(WithMatrix(m), null));
        Assert.Contains("not positive definite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelationMatrix_NotSymmetricOrWrongShape_IsAClearError()
    {
        double[][] asym = [[1, 0.1, 0, 0, 0], [0.2, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]];
        Assert.Contains("not symmetric", Assert.Throws<ArgumentException>(() => ReturnGenerators.Create(WithMatrix(asym), null)).Message, StringComparison.Ordinal);
        double[][] small = [[1, 0], [0, 1]];
        Assert.Contains("5 x 5", Assert.Throws<ArgumentException>(() => ReturnGenerators.Create(WithMatrix(small), null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CholeskyFactor_ReproducesTheMatrix()
    {
        double[,] l = CorrelationFactor.Compute(Sim.Engine.Scenarios.Returns.DefaultCorrelation);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double sum = 0;
                for (int k = 0; k < 5; k++)
                {
                    sum += l[i, k] * l[j, k];
                }

                Assert.Equal(Sim.Engine.Scenarios.Returns.DefaultCorrelation[i][j], sum, 14);
                if (j > i)
                {
                    Assert.Equal(0.0, l[i, j]);
                }
            }
        }
    }

    [Fact]
    public void StudentT_NeedsMoreThanTwoDegreesOfFreedom()
    {
        Assert.ThrowsAny<ArgumentException>(() => ReturnGenerators.Create(
            TestScenarios.With(ReturnModelKind.StudentT, returns: r => r with { DegreesOfFreedom = 2 }), null));
    }

    [Fact]
    public void HistoryFileNamedButNotLoaded_IsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => ReturnGenerators.Create(
            TestScenarios.With(ReturnModelKind.Bootstrap, returns: r => r with { History = "my.csv" }), null));
        Assert.Contains("my.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_ChecksItsArguments()
    {
        IReturnGenerator g = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Lognormal, 100), null);
        var block = new ReturnBlock(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Fill(61, 0, 10, block));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Fill(-1, 0, 10, block));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Fill(0, 0, 11, block));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Fill(0, 95, 10, block));
        g.Fill(0, 90, 10, block);
        g.Fill(60, 0, 0, block);
    }

    [Fact]
    public void Create_ResolvesTheWidth_AndDescribesTheModel()
    {
        var g = (CorrelatedReturnGenerator)ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.Lognormal, seed: 42), null);
        Assert.Equal(SimdWidths.Best, g.Width);
        Assert.Equal(5000, g.PathCount);
        Assert.Contains("lognormal", g.Notes, StringComparison.Ordinal);
        Assert.Contains("seed 42", g.Notes, StringComparison.Ordinal);
        var t = ReturnGenerators.Create(TestScenarios.With(ReturnModelKind.StudentT), null, SimdWidth.Scalar);
        Assert.Contains("5 degrees of freedom", t.Notes, StringComparison.Ordinal);
        Assert.Equal(SimdWidth.Scalar, ((CorrelatedReturnGenerator)t).Width);
    }
}
