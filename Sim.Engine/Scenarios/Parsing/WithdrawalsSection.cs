using Sim.Engine.Simulation.Policies;

namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.withdrawals</c>: strategy, its parameters, source order, in-service distributions.</summary>
internal static class WithdrawalsSection
{
    /// <summary>The knobs every strategy shares.</summary>
    private static readonly string[] SharedFields = ["strategy", "afterTax", "order", "deferFirstRmd", "inService"];

    /// <summary>"strategy", every strategy's parameters (from the registry), then the shared knobs.</summary>
    public static readonly string[] Fields =
        ["strategy", .. WithdrawalPolicies.AllFields, .. SharedFields.Skip(1)];

    public static readonly string[] InServiceFields = ["fromAge", "amount", "rate"];

    public static Withdrawals Read(JsonObjectReader? o, IssueCollector issues)
    {
        var d = new Withdrawals();
        if (o is null)
        {
            return d;
        }

        return new Withdrawals
        {
            Strategy = ReadStrategy(o, issues) ?? d.Strategy,
            AfterTax = o.Boolean("afterTax", d.AfterTax),
            Order = o.Enum("order", d.Order),
            DeferFirstRmd = o.Boolean("deferFirstRmd", d.DeferFirstRmd),
            InService = ReadInService(o.Section("inService", InServiceFields, nullable: true), issues),
        };
    }

    /// <summary>The chosen strategy with its own parameters. A parameter of another strategy is an error at its path
    /// (an overlay that switches strategy sets the old strategy's parameters to null, which means "not given").</summary>
    private static WithdrawalStrategy? ReadStrategy(JsonObjectReader o, IssueCollector issues)
    {
        var names = WithdrawalPolicies.Names;
        if (o.HasBadChoice("strategy", names))
        {
            o.Choice("strategy", names, names[0]); // reports the error
            return null;
        }

        var entry = WithdrawalPolicies.ByName(o.Choice("strategy", names, names[0]));
        foreach (var field in WithdrawalPolicies.AllFields)
        {
            if (o.Has(field) && !entry.Fields.Contains(field))
            {
                var takes = entry.Fields.Count == 0 ? "no parameters" : $"only {string.Join(", ", entry.Fields)}";
                issues.Error(o.PathOf(field),
                    $"is not a parameter of strategy {entry.Name}, which takes {takes}; remove it or set it to null");
            }
        }

        return entry.Read(o);
    }

    /// <summary>{fromAge, amount | rate}: exactly one of amount (nominal dollars a year) and rate.</summary>
    private static InService? ReadInService(JsonObjectReader? o, IssueCollector issues)
    {
        if (o is null)
        {
            return null;
        }

        var amount = o.OptionalNumber("amount", NumberRange.Money);
        var rate = o.OptionalNumber("rate", NumberRange.Fraction);
        var count = (o.Has("amount") ? 1 : 0) + (o.Has("rate") ? 1 : 0);
        if (count != 1)
        {
            issues.Error(o.Path, count == 0
                ? "needs exactly one of amount, rate; got none"
                : "needs exactly one of amount, rate; got both");
        }

        return new InService
        {
            FromAge = o.Number("fromAge", new InService().FromAge, NumberRange.Between(0, Participant.MaxEndAge)),
            Amount = amount,
            Rate = rate,
        };
    }
}
