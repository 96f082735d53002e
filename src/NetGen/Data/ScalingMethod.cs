namespace NetGen;

/// <summary>How a <see cref="FeatureScaler"/> fits its offsets and scales on the training rows.</summary>
public enum ScalingMethod
{
    /// <summary>Subtract the mean and divide by the (population) standard deviation: mean 0, deviation 1.</summary>
    Standardize = 0,

    /// <summary>Subtract the minimum and divide by the range (max - min): the training rows span [0, 1].</summary>
    MinMax = 1,
}
