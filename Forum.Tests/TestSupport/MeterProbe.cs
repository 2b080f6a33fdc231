using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Forum.App.Features.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.TestSupport;

/// <summary>Reads one app's "Forum.Realtime" meter the way a metrics exporter would (other apps in the test run are ignored).</summary>
public sealed class MeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();
    private readonly ConcurrentDictionary<string, long> _observed = new();

    public MeterProbe(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RealtimeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument, value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Record(instrument, value));
        _listener.Start();
    }

    /// <summary>What a counter added up to since the probe started.</summary>
    public long Sum(string instrument) => _sums.GetValueOrDefault(instrument);

    /// <summary>An observable instrument's value now.</summary>
    public long Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _observed.TryGetValue(instrument, out var value) ? value : throw new InvalidOperationException($"{instrument} is not published");
    }

    private void Record(Instrument instrument, long value)
    {
        if (instrument.IsObservable) _observed[instrument.Name] = value;
        else _sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
    }

    public void Dispose() => _listener.Dispose();
}
