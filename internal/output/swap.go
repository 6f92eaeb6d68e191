package output

import (
	"errors"
	"io/fs"
	"os"
)

// swapTwoSteps moves dest aside, then tmp into its place. It is the swap of
// systems without an atomic exchange (Windows, the BSDs, and Linux file
// systems that refuse RENAME_EXCHANGE), where a kill between the two steps
// leaves dest missing and the old site beside it, named as a leftover that
// ends in asideMark. The next build puts that back before anything else
// (recoverAside), so the destination is missing only until then, and never
// mixed.
func swapTwoSteps(tmp, dest string) (old string, err error) {
	aside := tmp + asideMark
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
