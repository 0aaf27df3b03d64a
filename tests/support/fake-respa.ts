// The fake Respa/Varaamo API lives in main/preview (the preview's --demo-source uses it too).
export * from '../../main/preview/fake-respa';
