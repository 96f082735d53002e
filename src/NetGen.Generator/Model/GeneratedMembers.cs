using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Model;

/// <summary>
/// The name of every member NetGen adds to a network class: one table, read by the parser (a user member
/// of one of these names is NG0005; a class of one of these names is NG0006), by the emitters, and listed
/// on docs/diagnostics/NG0005.md (a test keeps the page and <see cref="All"/> equal).
/// </summary>
internal static class GeneratedMembers
{
    // The network contract (INetwork<TSelf, T>) and the documented public API.
    public const string InputCount = nameof(InputCount);
    public const string OutputCount = nameof(OutputCount);
    public const string ParameterCount = nameof(ParameterCount);
    public const string LayerSizes = nameof(LayerSizes);
    public const string LayerActivations = nameof(LayerActivations);
    public const string InputShape = nameof(InputShape);
    public const string Layers = nameof(Layers);
    public const string LayersField = "s_layers";
    public const string LeakyReLUSlope = nameof(LeakyReLUSlope);
    public const string ParameterNames = nameof(ParameterNames);
    public const string ParameterIsTrainable = nameof(ParameterIsTrainable);
    public const string TrainedParameters = nameof(TrainedParameters);
    public const string Parameters = nameof(Parameters);
    public const string Params = nameof(Params);
    public const string ParameterSet = nameof(ParameterSet);
    public const string Forward = nameof(Forward);
    public const string Backward = nameof(Backward);
    public const string TrainStep = nameof(TrainStep);
    public const string ForwardBatch = nameof(ForwardBatch);
    public const string BackwardBatch = nameof(BackwardBatch);
    public const string TrainBatch = nameof(TrainBatch);
    public const string Explain = nameof(Explain);
    public const string ExplainStep = nameof(ExplainStep);

    // The streaming contract of recurrent networks (IRecurrentNetwork<TSelf, T>).
    public const string Step = nameof(Step);
    public const string Steps = nameof(Steps);
    public const string StepInputCount = nameof(StepInputCount);
    public const string StepOutputCount = nameof(StepOutputCount);
    public const string StateSize = nameof(StateSize);

    // Private members of the generated part: invisible to users, but a user member of the same name clashes.
    public const string BackwardLanes = nameof(BackwardLanes);
    public const string ForwardLanes = nameof(ForwardLanes);
    public const string ForwardGemm = nameof(ForwardGemm);
    public const string BackwardGemm = nameof(BackwardGemm);
    public const string GradientLanes = nameof(GradientLanes);
    public const string TanhLanes = nameof(TanhLanes);
    public const string ParameterField = "_parameters";
    public const string BatchGradientField = "_batchGradient";
    public const string ParameterNamesField = "s_parameterNames";
    public const string ParameterIsTrainableField = "s_parameterIsTrainable";
    public const string LayerActivationsField = "s_layerActivations";
    public const string BuildParameterNames = nameof(BuildParameterNames);
    public const string BuildParameterIsTrainable = nameof(BuildParameterIsTrainable);
    public const string CreateTrainedParameterSet = nameof(CreateTrainedParameterSet);

    /// <summary>The public members, in the order NG0005's page lists them.</summary>
    public static readonly IReadOnlyList<string> Public = new[]
    {
        Forward, Backward, TrainStep, ForwardBatch, BackwardBatch, TrainBatch, Explain, ExplainStep, Parameters, Params, ParameterSet,
        InputCount, OutputCount, ParameterCount, LayerSizes, LayerActivations, LeakyReLUSlope, TrainedParameters,
        ParameterNames, ParameterIsTrainable, InputShape, Layers, Step, Steps, StepInputCount, StepOutputCount, StateSize,
    };

    /// <summary>The private members, in the order NG0005's page lists them.</summary>
    public static readonly IReadOnlyList<string> Private = new[]
    {
        BackwardLanes, ForwardLanes, ForwardGemm, BackwardGemm, GradientLanes, TanhLanes, ParameterField, BatchGradientField, ParameterNamesField, ParameterIsTrainableField,
        LayerActivationsField, LayersField, BuildParameterNames, BuildParameterIsTrainable, CreateTrainedParameterSet,
    };

    /// <summary>Every generated member name.</summary>
    public static readonly IReadOnlyCollection<string> All = new HashSet<string>(Public.Concat(Private), System.StringComparer.Ordinal);

    public static bool IsReserved(string name) => ((HashSet<string>)All).Contains(name);
}
