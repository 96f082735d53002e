namespace NetGen.Generator.Tests; public class Smoke { [Fact] public void T() {} }
