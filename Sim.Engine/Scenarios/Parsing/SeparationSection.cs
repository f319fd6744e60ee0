namespace Sim.Engine.Scenarios.Parsing;

/// <summary><c>$.separation</c>: stay in the plan or roll over to an IRA (docs/model.md section 13). The rule that
/// needs the participant (no rollover when already retired) is in <see cref="IncomeRules"/>.</summary>
internal static class SeparationSection
{
    public static readonly string[] Fields = ["action", "method", "replaceWithholding", "expenseRatio"];

    public static Separation Read(JsonObjectReader? o)
    {
        var d = new Separation();
        if (o is null)
        {
            return d;
        }

        var action = o.Enum("action", d.Action);
        var method = o.Enum("method", d.Method);
        if (action == SeparationAction.Stay)
        {
            foreach (var f in new[] { "method", "replaceWithholding", "expenseRatio" })
            {
                o.WarnIgnored(f, "when action is stay (the balance stays in the plan)");
            }
        }
        else if (method == RolloverMethod.Direct)
        {
            o.WarnIgnored("replaceWithholding", "when method is direct (nothing is withheld)");
        }

        return new Separation
        {
            Action = action,
            Method = method,
            ReplaceWithholding = o.Boolean("replaceWithholding", d.ReplaceWithholding),
            ExpenseRatio = o.OptionalNumber("expenseRatio", NumberRange.Between(0, FeesSection.MaxExpenseRatio)),
        };
    }
}
