namespace Tvbo.Files;

/// <summary>Finds the valid key a mistyped one was probably meant to be (Damerau–Levenshtein distance).</summary>
internal static class KeySuggestion
{
    /// <summary>The closest of <paramref name="valid"/> to <paramref name="key"/> when it is within a small edit
    /// distance (1 for keys of up to 4 characters, 2 otherwise), differs only in case, underscores or hyphens, or is
    /// another ending of the same word (a shared prefix of at least 5 characters and all but 2 of the shorter key:
    /// 'boundary' for 'boundaries'); otherwise <see langword="null"/>.</summary>
    /// <param name="key">The key as written.</param>
    /// <param name="valid">The valid keys.</param>
    public static string? Closest(string key, IEnumerable<string> valid)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var normal = Normalize(key);
        foreach (var v in valid)
        {
            if (Normalize(v) == normal)
            {
                return v;
            }

            var d = Distance(key, v);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = v;
            }
        }

        var limit = key.Length <= 4 ? 1 : 2;
        if (bestDistance <= limit && bestDistance < key.Length)
        {
            return best;
        }

        // A different ending of the same word: 'boundary' for 'boundaries', 'integrator' for 'integration'.
        return valid.Where(v => SharedPrefix(key, v) is var p && p >= 5 && p >= Math.Min(key.Length, v.Length) - 2)
            .OrderByDescending(v => SharedPrefix(key, v)).FirstOrDefault();
    }

    private static int SharedPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private static string Normalize(string s) => s.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
