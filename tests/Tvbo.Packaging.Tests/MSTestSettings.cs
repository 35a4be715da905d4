// One class packs once (ClassInitialize) and several tests read what it produced; they run one after the other.
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]
