namespace GridTrader.Core.Grid;

/// <summary>A plan, or the reasons none could be made. Warnings may accompany either.</summary>
public sealed record GridPlanResult(GridPlan? Plan, IReadOnlyList<string> Errors)
{
    public bool IsSuccess => Plan is not null && Errors.Count == 0;

    public static GridPlanResult Fail(params string[] errors) => new(null, errors);
}
