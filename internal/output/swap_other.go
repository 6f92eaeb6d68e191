//go:build !linux && !darwin

package output

func swap(tmp, dest string) (old string, err error) { return swapTwoSteps(tmp, dest) }
