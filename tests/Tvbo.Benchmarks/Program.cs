using BenchmarkDotNet.Running;

if (args is ["soak", ..])
{
    return Tvbo.Benchmarks.Soak.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
