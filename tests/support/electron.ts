export { findElectron } from '../../scripts/electron-binary';
