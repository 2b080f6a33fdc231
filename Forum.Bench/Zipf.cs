namespace Forum.Bench;

/// <summary>Zipf(s) over n ranks via an inverse-CDF table; ranks are shuffled onto indexes so the heavy ones are spread out.</summary>
public sealed class Zipf
{
    private readonly double[] _cdf;
    private readonly int[] _index;
    private readonly Random _rng;

    public Zipf(int n, double s, Random rng)
    {
        _rng = rng;
        _cdf = new double[n];
        double sum = 0;
        for (var k = 0; k < n; k++) _cdf[k] = sum += 1 / Math.Pow(k + 1, s);
        for (var k = 0; k < n; k++) _cdf[k] /= sum;
        _index = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(_index);
    }

    public int Next()
    {
        var i = Array.BinarySearch(_cdf, _rng.NextDouble());
        return _index[Math.Min(i < 0 ? ~i : i, _cdf.Length - 1)];
    }
}
