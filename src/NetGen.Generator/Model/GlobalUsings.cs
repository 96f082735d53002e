// The runtime's enums, linked into this assembly (see NetGen.Generator.csproj), under the names the
// generator has always used for them: ActivationKind is NetGen.Activation as the generator sees it.
global using ActivationKind = NetGen.Generator.Model.Activation;
global using BiasKind = NetGen.Generator.Model.BiasMode;
global using CodeStyleKind = NetGen.Generator.Model.CodeStyle;
global using LossKind = NetGen.Generator.Model.Loss;
global using PrecisionKind = NetGen.Generator.Model.Precision;
