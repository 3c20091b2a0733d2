export { defaultLetters, type McqDetail, type McqOptions, type McqReference, mcq, mcqReference } from './mcq.js'
export { McqParams, mcqReward } from './reward.js'
