package output

import (
	"errors"
	"io/fs"
	"os"
)

// swapTwoSteps moves dest aside, then tmp into its place. A crash between
// the two steps leaves dest missing, with the old site beside it named as a
// leftover; systems without an atomic exchange cannot do better.
func swapTwoSteps(tmp, dest string) (old string, err error) {
	aside := tmp + "-old"
	if err := os.Rename(dest, aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", os.Rename(tmp, dest)
		}
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(aside, dest)
		return "", err
	}
	return aside, nil
}
