using Serilog.Core;
using Serilog.Events;

namespace GridTrader.Logging;

/// <summary>
/// Gives every event an <c>EventName</c> property: the name of its Microsoft.Extensions.Logging event id (the
/// <c>[LoggerMessage]</c> name, e.g. <c>order.placed</c>), unless the message already carries one; <c>log</c> for events
/// without a named id.
/// </summary>
internal sealed class EventNameEnricher : ILogEventEnricher
{
    public const string PropertyName = "EventName";
    public const string Unnamed = "log";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.ContainsKey(PropertyName)) return;
        var name = Unnamed;
        if (logEvent.Properties.TryGetValue("EventId", out var id) && id is StructureValue structure)
        {
            foreach (var p in structure.Properties)
            {
                if (p is { Name: "Name", Value: ScalarValue { Value: string { Length: > 0 } s } }) name = s;
            }
        }

        logEvent.AddPropertyIfAbsent(new LogEventProperty(PropertyName, new ScalarValue(name)));
    }
}
